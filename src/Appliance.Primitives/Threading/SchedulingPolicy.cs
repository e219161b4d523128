namespace Appliance.Primitives.Threading;

/// <summary>Linux scheduling policies (values are the kernel's SCHED_* constants).</summary>
public enum SchedulingPolicy
{
    Other = LibC.SCHED_OTHER,
    Fifo = LibC.SCHED_FIFO,
    RoundRobin = LibC.SCHED_RR,
    Batch = LibC.SCHED_BATCH,
    Idle = LibC.SCHED_IDLE,
}
