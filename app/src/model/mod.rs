//! What crosses the wire: the values server functions hand the pages, built on the server
//! from domain types and rendered by the pages. Plain data, for both sides; only `domain`
//! below it.

pub mod case;
pub mod chat;
pub mod files;
pub mod plan;
pub mod rates;
pub mod staff;
pub mod timeline;

pub use case::{AnswerInfo, CaseOverview, DocumentInfo, PaymentNotice, TaskInfo};
pub use files::{ObjectionInfo, ReceiptInfo, UploadInfo};
pub use plan::{ActivePlan, DeferralInfo, PlanInputs};
pub use rates::RatesInForce;
pub use timeline::{TimelineEntry, TimelineEvent};
