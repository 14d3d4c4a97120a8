using System.Net;
using System.Net.Sockets;

namespace Aegis.CalendarSync.Testing.Network;

/// <summary>A free loopback port for a server to bind later. A server's public URL (the webhook address the emulator
/// pushes to, the OAuth redirect) must be in its configuration before it starts, so the port is chosen first rather
/// than by binding port 0. The port is taken below Linux's ephemeral range (32768 and up by default): a port the OS
/// hands out for port 0 is also handed to outgoing connections (HTTP clients, database connections), and one of those
/// took a chosen port before its server bound it ("address already in use" in CI). Below that range only another test
/// server can take it, and the port is checked free by binding it.</summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }
}
