/** Compile-only declarations of TornadoVM's data-transfer modes. */
package uk.ac.manchester.tornado.api.enums;
