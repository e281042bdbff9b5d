//! Which of the agency's tasks a case handler's inbox lists: plain values the inbox's
//! query is built from.

use super::TaskKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which tasks the inbox lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum InboxStatus {
    /// Waiting for the agency: open, and not waiting on anyone until a later day.
    #[default]
    Open,
    /// Open, but waiting (on the creditor, say) until a day after today.
    Waiting,
    /// Answered or closed.
    Done,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum InboxAssignee {
    #[default]
    All,
    Mine,
    Unassigned,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxFilter {
    pub kind: Option<TaskKind>,
    pub status: InboxStatus,
    pub assignee: InboxAssignee,
    pub overdue_only: bool,
    /// Paging: the last row of the page before, as (due date, task id).
    pub after: Option<(NaiveDate, String)>,
}

/// How far ahead a task may wait (on the creditor, say) before it comes back.
pub const MAX_WAIT_DAYS: u64 = 180;

/// Why a follow-up date is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpError {
    /// Not a date (YYYY-MM-DD, as the date field sends it).
    Invalid,
    /// Today or before: the task is in the inbox already.
    NotAfterToday,
    /// More than `MAX_WAIT_DAYS` ahead.
    TooFar,
}

/// The day a waiting task comes back to the inbox: after today, at most `MAX_WAIT_DAYS` on.
pub fn parse_follow_up(text: &str, today: NaiveDate) -> Result<NaiveDate, FollowUpError> {
    let date =
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| FollowUpError::Invalid)?;
    if date <= today {
        return Err(FollowUpError::NotAfterToday);
    }
    if date > today + chrono::Days::new(MAX_WAIT_DAYS) {
        return Err(FollowUpError::TooFar);
    }
    Ok(date)
}

#[cfg(test)]
mod follow_up_tests {
    use super::*;

    #[test]
    fn a_follow_up_is_after_today_and_within_half_a_year() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        assert_eq!(
            parse_follow_up("2026-12-12", today),
            NaiveDate::from_ymd_opt(2026, 12, 12).ok_or(FollowUpError::Invalid)
        );
        assert_eq!(
            parse_follow_up("2026-11-24", today),
            Err(FollowUpError::NotAfterToday)
        );
        assert_eq!(
            parse_follow_up("12.12.2026", today),
            Err(FollowUpError::Invalid)
        );
        assert_eq!(
            parse_follow_up("2027-05-24", today),
            Err(FollowUpError::TooFar)
        );
        assert!(parse_follow_up("2027-05-23", today).is_ok());
    }
}
