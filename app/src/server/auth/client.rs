//! Which address a request comes from, for the limits per address. Behind a load balancer
//! every request seems to come from it; only proxies an operator names are believed when
//! they say, in `X-Forwarded-For`, whom they forward for.

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::IpAddr;
use std::sync::Arc;

/// The proxies whose `X-Forwarded-For` is believed: addresses or ranges
/// (`10.0.0.0/8, 192.0.2.7`). None by default: then the connection's own address counts.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Arc<Vec<IpNet>>);

impl TrustedProxies {
    /// Read the setting; every entry is an address or a range, or the setting is refused.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        let nets = text
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| {
                t.parse::<IpNet>()
                    .or_else(|_| t.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("«{t}» er verken en adresse eller et adresseområde"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TrustedProxies(Arc::new(nets)))
    }

    fn trusts(&self, ip: &IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }

    /// The client's address: the connection's, unless that is a trusted proxy; then the
    /// nearest address in `X-Forwarded-For` that is not one of ours.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(&peer) {
            return peer;
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        let mut client = peer;
        for hop in forwarded.iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>() else {
                // Garbage in the header: stop at the last address we could read.
                break;
            };
            client = ip;
            if !self.trusts(&ip) {
                break;
            }
        }
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_str(value).expect("value"),
        );
        h
    }

    #[test]
    fn only_a_trusted_proxy_is_believed() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("203.0.113.9"), &forwarded("198.51.100.1")),
            ip("203.0.113.9"),
            "a client may not pick its own address"
        );
        let lb = TrustedProxies::parse("10.0.0.0/8, 192.0.2.7").expect("valid");
        assert_eq!(
            lb.client(ip("10.1.2.3"), &forwarded("198.51.100.1")),
            ip("198.51.100.1")
        );
        // The client put an address of its own choosing first; the proxies appended theirs.
        assert_eq!(
            lb.client(
                ip("10.1.2.3"),
                &forwarded("1.2.3.4, 198.51.100.1, 192.0.2.7")
            ),
            ip("198.51.100.1")
        );
        assert_eq!(lb.client(ip("10.1.2.3"), &HeaderMap::new()), ip("10.1.2.3"));
        assert_eq!(
            lb.client(ip("10.1.2.3"), &forwarded("nonsense")),
            ip("10.1.2.3")
        );
        assert!(TrustedProxies::parse("10.0.0.0/8, hei").is_err());
        assert!(TrustedProxies::parse("").is_ok());
    }
}
