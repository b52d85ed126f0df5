//! A counter button: the smallest useful Leptos CSR page. Marks `baseline:ready` after its first
//! paint, as kafka-expose marks `kafka-expose:ready`.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <button data-testid="counter" on:click=move |_| *count.write() += 1>
                "Clicked " {move || count.get()} " times"
            </button>
        }
    });
    // As kafka-expose does: at the next frame, then in a task, which runs once that frame is painted.
    request_animation_frame(|| {
        set_timeout(
            || {
                if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                    let _ = performance.mark("baseline:ready");
                }
            },
            std::time::Duration::ZERO,
        )
    });
}
