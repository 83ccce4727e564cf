/** Filter: symmetric anti-affinity between ExApp ids (HARPOON_ANTI_AFFINITY). */
package io.harpoon.scheduler.plugins.antiaffinity;
