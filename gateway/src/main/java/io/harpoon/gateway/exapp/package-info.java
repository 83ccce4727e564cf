/**
 * ExApp metadata and users as Nextcloud describes them (spec §9.1, §9.3): records, routes, the metadata cache,
 * the user-info cache and the Nextcloud client. No Netty.
 */
package io.harpoon.gateway.exapp;
