/** Filter + Reserve: admin-pinned GPU ids, else a best-fit (pack) or emptiest (spread) choice of device ids. */
package io.harpoon.scheduler.plugins.gpupinning;
