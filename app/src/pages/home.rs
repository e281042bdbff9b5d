use crate::api::rates::current_rates;
use crate::components::rates_box::RatesBox;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let texts = t();
    let rates = Resource::new(|| (), |_| current_rates());
    // Set once the page is interactive, so tests and tools can tell hydration has run.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <div class="page" data-hydrated=move || hydrated.get().then_some("true")>
            <h1 class="ds-heading" data-size="lg">{texts.home_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.home_lead}</p>
            <section aria-labelledby="what-heading">
                <h2 class="ds-heading" data-size="sm" id="what-heading">{texts.home_what_heading}</h2>
                <ul class="ds-list">
                    {texts.home_what_items.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}
                </ul>
                <p class="ds-paragraph">{texts.home_letter_hint}</p>
            </section>
            <section aria-labelledby="rates-heading">
                <h2 class="ds-heading" data-size="sm" id="rates-heading">{texts.rates_heading}</h2>
                <Suspense fallback=move || view! { <p class="ds-paragraph">{texts.rates_loading}</p> }>
                    {move || Suspend::new(async move {
                        match rates.await {
                            Ok(current) => view! { <RatesBox rates=current /> }.into_any(),
                            Err(_) => view! { <p class="ds-paragraph" role="status">{texts.rates_unavailable}</p> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}
