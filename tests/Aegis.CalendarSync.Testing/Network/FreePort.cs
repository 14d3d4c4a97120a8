using System.Net;
using System.Net.Sockets;

namespace Aegis.CalendarSync.Testing.Network;

/// <summary>A loopback port the OS just handed out. A server's public URL (the webhook address the emulator pushes to,
/// the OAuth redirect) must be in its configuration before it starts, so the port is chosen first rather than by
/// binding port 0.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
