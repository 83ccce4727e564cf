/** Compile-only declarations of TornadoVM's task functional interfaces and device type. */
package uk.ac.manchester.tornado.api.common;
