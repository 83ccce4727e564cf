/** Filter: an ExApp returns to the engine that holds its data volume (updates stay on their engine). */
package io.harpoon.scheduler.plugins.volumeaffinity;
