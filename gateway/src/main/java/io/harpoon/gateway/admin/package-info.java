/** Operations surface: Micrometer meters and the admin listener ({@code /metrics}, {@code /healthz}). */
package io.harpoon.gateway.admin;
