//! One file per page.

pub mod case;
pub mod conversation;
pub mod deferral;
pub mod help;
pub mod home;
pub mod not_found;
pub mod objection;
pub mod plan;
pub mod receipt;
pub mod staff;

/// A page as a lazy route: `make site` (tools/site) cuts its code into a file of its own,
/// fetched when the page is first opened (in the browser), so that a visit downloads only
/// the pages it shows. On the server it renders as any page. Each route needs a name of its
/// own across the app: the chunk is named after it, and two of one name would share one.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:path $(, islands: $islands:literal)?) => {
        $(#[$doc])*
        pub struct $route;

        impl $route {
            /// The islands this page has, by name (`data-preload` on a link to it, see
            /// `components::preload`).
            #[allow(dead_code)]
            pub const ISLANDS: &str = concat!("" $(, $islands)?);
        }

        #[cfg(not(feature = "islands"))]
        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                leptos::prelude::IntoAny::into_any($page())
            }
        }

        // In islands mode the router runs on the server only: nothing to split (a split
        // point left in would keep every page's code in the browser's file).
        #[cfg(feature = "islands")]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> leptos::prelude::AnyView {
                leptos::prelude::IntoAny::into_any($page())
            }
        }

        impl $route {
            /// Fetch this page's code now (`components::preload`).
            #[allow(dead_code)]
            pub fn fetch_code() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> {
                Box::pin(<Self as leptos_router::LazyRoute>::preload())
            }
        }
    };
}
pub(crate) use lazy_page;

/// The debtor's pages, each a lazy route.
pub mod routes {
    super::lazy_page!(Help => super::help::HelpPage);
    super::lazy_page!(Objection => super::objection::ObjectionPage, islands: "upload_form");
    super::lazy_page!(Receipt => super::receipt::ReceiptPage, islands: "upload_form");
    super::lazy_page!(Plan => super::plan::PlanPage, islands: "plan_calculator");
    super::lazy_page!(Deferral => super::deferral::DeferralPage, islands: "deferral_calculator");
    super::lazy_page!(
        Conversation => super::conversation::ConversationPage,
        islands: "upload_form"
    );
}
