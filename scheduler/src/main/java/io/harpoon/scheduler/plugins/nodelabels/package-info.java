/** Filter on required engine labels, score on preferred ones (HARPOON_LABELS, HARPOON_PREFERRED_LABELS). */
package io.harpoon.scheduler.plugins.nodelabels;
