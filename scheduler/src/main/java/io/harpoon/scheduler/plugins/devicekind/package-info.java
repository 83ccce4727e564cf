/** Filter: the engine has a device of the requested compute kind (cuda: NVIDIA GPU, rocm: AMD GPU, fpga: card). */
package io.harpoon.scheduler.plugins.devicekind;
