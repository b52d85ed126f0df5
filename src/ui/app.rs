//! The root component.

use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="masthead">
            <h1 data-testid="title">"kafka-expose"</h1>
            <p class="tagline" data-testid="tagline">
                "Reach every Kafka broker of a Kubernetes StatefulSet from outside the cluster: \
                 see how each exposure strategy routes a client, and download manifests and \
                 server.properties that work."
            </p>
        </header>
    }
}
