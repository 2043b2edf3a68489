using System.Net;
using System.Net.Sockets;

namespace Nuke.CrossBuild.Registry;

/// <summary>Host checks on parsed hosts, never on text prefixes: <c>localhost.example.com</c> is not loopback.</summary>
internal static class RegistryHosts
{
    private static readonly string[] InternalSuffixes = [".localhost", ".internal", ".local", ".home.arpa"];

    /// <summary>Whether a host (no port) is this machine: exactly <c>localhost</c>, or a loopback IP literal.</summary>
    public static bool IsLoopback(string host)
    {
        host = host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>
    /// Whether a host is an IP literal in a private, loopback, link-local or unspecified range, or a name reserved for
    /// this machine or internal networks (<c>localhost</c>, <c>*.localhost</c>, <c>*.internal</c>, <c>*.local</c>,
    /// <c>*.home.arpa</c>): what a request forged by a server aims at. Other names are not resolved here.
    /// </summary>
    public static bool IsInternalAddress(string host)
    {
        var name = host.Trim('[', ']').TrimEnd('.');
        if (!IPAddress.TryParse(name, out var ip))
        {
            return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || InternalSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal;
        }

        var b = ip.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || b[0] == 0;
    }

    /// <summary>Splits <c>host[:port]</c> (or <c>[v6]:port</c>) into the host.</summary>
    public static string HostOf(string registry)
    {
        if (registry.StartsWith('['))
        {
            var end = registry.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? registry[..(end + 1)] : registry;
        }

        var colon = registry.LastIndexOf(':');
        return colon > 0 && registry.IndexOf(':', StringComparison.Ordinal) == colon ? registry[..colon] : registry;
    }
}
