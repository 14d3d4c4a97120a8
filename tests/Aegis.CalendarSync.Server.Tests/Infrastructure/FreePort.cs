using System.Net;
using System.Net.Sockets;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>A loopback port the OS just handed out. The server's public URL (webhook address, OAuth redirect) must be
/// known before it starts, so the port is reserved this way rather than by binding port 0.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
