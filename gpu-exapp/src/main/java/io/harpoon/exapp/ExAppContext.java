package io.harpoon.exapp;

import static java.util.Objects.requireNonNull;

import io.harpoon.exapp.contract.AppApiAuth;
import io.harpoon.exapp.contract.Lifecycle;
import io.harpoon.exapp.vectors.CollectionStore;

/** What every request handler needs, built once by {@link ExAppServer}. */
record ExAppContext(ExAppConfig config, AppApiAuth auth, Lifecycle lifecycle, CollectionStore store, VectorApi api) {
    ExAppContext {
        requireNonNull(config, "config");
        requireNonNull(auth, "auth");
        requireNonNull(lifecycle, "lifecycle");
        requireNonNull(store, "store");
        requireNonNull(api, "api");
    }
}
