/**
 * GPU-aware placement of ExApps across CPU, CUDA, ROCm and FPGA engines (exapp-contract.md §10-§13).
 *
 * <pre>
 *   api           records: engines, workloads, reservations, plans, explanations, Docker device mapping
 *   framework     PreFilter / Filter / Score / Reserve, Status, CycleState, EngineState, Scheduler (pure)
 *   plugins/*     devicekind, nodelabels, antiaffinity, fpgacompat, resourcefit, gpupinning, spreadpack,
 *                 earliestfinish; StandardChain fixes their order
 *   model         performance models (CALIBRATING / MODELLED / NO_MODEL)
 *   explain       summary line, filtered vs exhausted, top-K
 *   requirements  create request -> workload (compute_device, resource_limits, HARPOON_*, app defaults)
 *   store         H2 file under the data dir
 *   service       PlacementService: what the gateway's pool calls
 *   cli           harpoon placements
 *   sim           99-engine fleet, FFD reference, benchmark harness
 * </pre>
 *
 * Must not depend on kernels, tunnel or gateway.
 */
package io.harpoon.scheduler;
