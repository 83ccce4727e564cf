/** Score: expected finish time from per-engine performance models (queue + run + transfer), CALIBRATING aware. */
package io.harpoon.scheduler.plugins.earliestfinish;
