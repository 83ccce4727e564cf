/**
 * Collections of float32 vectors: upsert, delete, batched top-k search (cosine or inner product), persistence as
 * an append-only log per collection replayed at start. Calls {@code compute} for the search itself; knows nothing
 * of HTTP or the AppAPI contract.
 */
package io.harpoon.exapp.vectors;
