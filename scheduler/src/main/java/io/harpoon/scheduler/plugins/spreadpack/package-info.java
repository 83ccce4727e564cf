/** Score: configurable spread (emptiest engine first) or pack (fullest engine that fits first). */
package io.harpoon.scheduler.plugins.spreadpack;
