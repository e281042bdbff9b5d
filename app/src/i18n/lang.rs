//! Which language a debtor reads: chosen once (a link on every page), kept in a cookie and on
//! their case, and guessed from the browser's Accept-Language until then.

use serde::{Deserialize, Serialize};

/// A language Min side is written in. Bokmål is the default and the source of truth.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nb,
    En,
    Pl,
}

impl Lang {
    /// In the order the language switch shows them.
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::En, Lang::Pl];

    /// The name of the cookie that keeps the choice.
    pub const COOKIE: &'static str = "innfri_lang";

    /// "nb", "en", "pl": as in `lang`, `hreflang`, the cookie and the database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
            Lang::Pl => "pl",
        }
    }

    /// A code we wrote ourselves (cookie, database, the switch's address).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language a browser's language tag asks for: any Norwegian ("no", "nn", "nb-NO")
    /// reads bokmål; English and Polish in any region.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nb" | "no" | "nn" => Some(Lang::Nb),
            "en" => Some(Lang::En),
            "pl" => Some(Lang::Pl),
            _ => None,
        }
    }

    /// The best language an `Accept-Language` header asks for (RFC 9110: the highest `q`
    /// first, the earlier of equals), or none of ours.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(u16, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), quality)
                .unwrap_or(0);
            if weight > 0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }

    /// The language of a request: the cookie if it names one of ours, then the browser's
    /// wishes, then bokmål.
    pub fn of_request(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie
            .and_then(Lang::from_code)
            .or_else(|| accept_language.and_then(Lang::from_accept_language))
            .unwrap_or_default()
    }
}

impl TryFrom<String> for Lang {
    type Error = String;

    /// As stored: one of our codes, nothing else.
    fn try_from(code: String) -> Result<Lang, String> {
        Lang::from_code(&code).ok_or_else(|| format!("unknown language {code:?}"))
    }
}

#[cfg(feature = "ssr")]
tokio::task_local! {
    /// The language of the request a handler is answering (pages have it as context).
    pub static REQUEST_LANG: Lang;
}

/// The language of the request this task answers, if a handler's.
pub(super) fn of_this_task() -> Option<Lang> {
    #[cfg(feature = "ssr")]
    return REQUEST_LANG.try_with(|lang| *lang).ok();
    #[cfg(not(feature = "ssr"))]
    None
}

/// A `q` value as thousandths ("0.8" is 800); none for anything that is not one.
fn quality(text: &str) -> Option<u16> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_browser_gets_the_language_it_likes_best() {
        assert_eq!(
            Lang::from_accept_language("pl-PL,pl;q=0.9,en;q=0.8"),
            Some(Lang::Pl)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,en-GB;q=0.7,nb;q=0.8"),
            Some(Lang::Nb)
        );
        assert_eq!(Lang::from_accept_language("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("nn-NO"), Some(Lang::Nb));
        assert_eq!(
            Lang::from_accept_language("en;q=0.5, pl;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de, fr;q=0.9"), None);
        assert_eq!(Lang::from_accept_language("en;q=0"), None);
        assert_eq!(Lang::from_accept_language("*"), None);
        assert_eq!(Lang::from_accept_language("pl;q=2, en"), Some(Lang::En));
    }

    #[test]
    fn a_cookie_wins_over_the_browser_and_bokmaal_is_left() {
        assert_eq!(Lang::of_request(Some("pl"), Some("en")), Lang::Pl);
        assert_eq!(Lang::of_request(Some("xx"), Some("en")), Lang::En);
        assert_eq!(Lang::of_request(None, None), Lang::Nb);
        assert_eq!(Lang::of_request(None, Some("sv")), Lang::Nb);
    }

    proptest! {
        #[test]
        fn any_header_gives_one_of_ours_or_none(header in ".{0,80}") {
            if let Some(lang) = Lang::from_accept_language(&header) {
                prop_assert!(Lang::ALL.contains(&lang));
            }
        }

        #[test]
        fn every_code_reads_back(index in 0usize..3) {
            let lang = Lang::ALL[index];
            prop_assert_eq!(Lang::from_code(lang.code()), Some(lang));
            prop_assert_eq!(Lang::from_tag(lang.code()), Some(lang));
        }
    }
}
