/** PreFilter + Filter: free CPU, RAM and per-GPU VRAM against the request; filtered (above total) vs exhausted. */
package io.harpoon.scheduler.plugins.resourcefit;
