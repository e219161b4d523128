using System.Net.Sockets;
using Appliance.Primitives.Threading;

namespace Appliance.Admin.Server;

/// <summary>The accept thread: admission against the client limits, one thread per admitted client.</summary>
public sealed partial class AdminServer
{
    private void AcceptLoop()
    {
        PinCurrentThread();
        Socket listener = _socket!.Listener;
        while (!IsStopping)
        {
            Socket client;
            try
            {
                client = listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                if (IsStopping) return;
                if (e is SocketException { SocketErrorCode: SocketError.Interrupted or SocketError.ConnectionAborted or SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable } se)
                {
                    // Transient (EMFILE under a flood among them): the next accept may well succeed.
                    if (se.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable) Thread.Sleep(10);
                    continue;
                }
                if (_log is { } l) l.Error($"admin: accept on {SocketPath} failed, no more clients will be served: {e.Message}");
                return;
            }
            Interlocked.Increment(ref CounterSet.Connections);
            if (!Admit(client))
            {
                RefuseBusy(client);
                continue;
            }
            var connection = new AdminConnection(this, client, _dispatcher);
            Thread thread = NamedThread.Create("admin-conn", () =>
            {
                PinCurrentThread();
                connection.Run();
            });
            _connections[connection] = thread;
            try
            {
                thread.Start();
            }
            catch (OutOfMemoryException)
            {
                _connections.TryRemove(connection, out _);
                Interlocked.Decrement(ref CounterSet.Active);
                RefuseBusy(client);
            }
        }
    }

    // Takes a slot: one of MaxClients for anyone, or one of the reserved ones for a peer who may mutate.
    // Only the accept thread increments, so the check and the increment cannot race with another admission.
    private bool Admit(Socket client)
    {
        long active = Interlocked.Read(ref CounterSet.Active);
        if (active >= Options.MaxClients + Options.ReservedAdminClients) return false;
        if (active >= Options.MaxClients)
        {
            try
            {
                if (!_policy.MayMutate(PeerCredentials.Read(client), out _)) return false;
            }
            catch (SocketException)
            {
                return false;
            }
        }
        Interlocked.Increment(ref CounterSet.Active);
        return true;
    }

    // On the accept thread: one small write to a fresh socket whose buffer is empty, so it never blocks.
    private void RefuseBusy(Socket client)
    {
        Interlocked.Increment(ref CounterSet.RefusedTooManyClients);
        try
        {
            client.Blocking = false;
            if (_log is { } l && _busyLog.TryEnter(out long suppressed))
            {
                var peer = PeerCredentials.Read(client);
                l.Warn($"admin: refused pid {peer.Pid} uid {peer.Uid}: already {Options.MaxClients} clients ({suppressed} more refused since the last such line)");
            }
            client.Send(_tooManyClients, SocketFlags.None, out _);
            client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }
}
