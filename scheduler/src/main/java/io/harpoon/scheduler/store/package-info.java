/**
 * Durable placements: an embedded H2 file under the data dir holding, per ExApp id, the reservation and the
 * explanation of the latest decision. The only package that does I/O besides the CLI.
 */
package io.harpoon.scheduler.store;
