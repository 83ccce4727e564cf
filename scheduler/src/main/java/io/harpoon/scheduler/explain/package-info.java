/**
 * Explanations: the summary line ("0/7 engines fit: ..."), filtered vs exhausted counts, top-K scores, and their
 * text rendering. Depends only on {@code api}; never decides anything.
 */
package io.harpoon.scheduler.explain;
