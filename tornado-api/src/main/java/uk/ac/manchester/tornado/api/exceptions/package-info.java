/**
 * Compile-only declarations of the TornadoVM exceptions Harpoon names. They are never thrown from here: under the
 * launcher the real classes are loaded, and Harpoon catches them to report a {@code BackendFailure}.
 */
package uk.ac.manchester.tornado.api.exceptions;
