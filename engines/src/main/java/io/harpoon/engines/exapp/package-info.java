/**
 * HaRP's Docker control API, {@code /docker/exapp/*}, on docker-java: {@link io.harpoon.engines.exapp.ExAppActions}
 * dispatches, one small class per action with more than a call ({@link io.harpoon.engines.exapp.ContainerCreator},
 * {@link io.harpoon.engines.exapp.WaitForStart}, {@link io.harpoon.engines.exapp.CertificateInstaller}), and
 * {@link io.harpoon.engines.exapp.EngineErrors} maps failures onto the statuses AppAPI expects.
 */
package io.harpoon.engines.exapp;
