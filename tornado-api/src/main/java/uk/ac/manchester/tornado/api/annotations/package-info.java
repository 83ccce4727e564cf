/** Compile-only declarations of TornadoVM's loop annotations ({@code @Parallel}). */
package uk.ac.manchester.tornado.api.annotations;
