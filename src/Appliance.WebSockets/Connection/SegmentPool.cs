using System.Buffers;

namespace Appliance.WebSockets.Connection;

/// <summary>
/// The receive pipe's memory: blocks of one size owned by one connection and reused for its whole life.
/// With the shared ArrayPool a block given back could be trimmed away after a gen-2 collection, and the
/// next segment the pipe needs (a backlog spanning two blocks) was then a fresh 64 KiB array on the receive
/// thread; here a block, once allocated, stays. Renting and returning take an uncontended lock (once per
/// block filled, not per message): the pipe may return blocks from the thread that disposes it.
/// </summary>
internal sealed class SegmentPool : MemoryPool<byte>
{
    private readonly int _blockSize;
    private readonly Stack<Block> _free = new();
    private readonly Lock _lock = new();
    private bool _disposed;

    public SegmentPool(int blockSize, int preallocate = 2)
    {
        _blockSize = blockSize;
        for (int i = 0; i < preallocate; i++) _free.Push(new Block(this, new byte[blockSize]));
    }

    public override int MaxBufferSize => _blockSize;

    /// <summary>Blocks allocated so far (kept until the connection ends).</summary>
    public int Allocated { get; private set; }

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > _blockSize) throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize, $"blocks are {_blockSize} bytes");
        lock (_lock)
        {
            if (_free.TryPop(out Block? block)) return block;
            Allocated++;
        }
        return new Block(this, new byte[_blockSize]);
    }

    private void Return(Block block)
    {
        lock (_lock)
        {
            if (!_disposed) _free.Push(block);
        }
    }

    protected override void Dispose(bool disposing)
    {
        lock (_lock)
        {
            _disposed = true;
            _free.Clear();
        }
    }

    private sealed class Block(SegmentPool pool, byte[] array) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory { get; } = array;

        public void Dispose() => pool.Return(this);
    }
}
