//! Connections that never finish a request (a slow-request attack) do not stop the server:
//! it keeps answering new visitors, and lets the idle ones go.

use crate::helpers::{import_demo, router, TestDb};
use server::listen::{serve, Limits};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request over a fresh connection; the status line and how long it took.
async fn request(addr: std::net::SocketAddr, raw: &str) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(raw.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "no answer within ten seconds");
    let text = String::from_utf8_lossy(&answer);
    (
        text.lines().next().unwrap_or_default().to_string(),
        started.elapsed(),
    )
}

async fn half_open_connections_do_not_stop_the_server(db: &TestDb) {
    import_demo(db).await;
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let limits = Limits {
        header_read: Duration::from_secs(2),
        max_connections: 5_000,
        max_waiting: 300,
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, router(db), limits, async {
        let _ = stopped.await;
    }));
    // A thousand connections that start a request and never finish it.
    let mut held = Vec::new();
    for _ in 0..1000 {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            .await
            .expect("write");
        held.push(stream);
    }
    // A visitor still gets an answer, and quickly.
    let (status, took) = request(
        addr,
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(took < Duration::from_secs(1), "healthz took {took:?}");
    let body = "case_number=20250001&access_code=739214";
    let login = format!(
        "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let (status, _) = request(addr, &login).await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    // The ones that never finished are let go: pushed out for newer ones, or timed out.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut still_open = 0;
    for stream in &mut held {
        // Closed, or answered (408) and closed: the read returns. Open: it waits.
        let mut byte = [0u8; 1];
        let read = tokio::time::timeout(Duration::from_millis(50), stream.read(&mut byte));
        if read.await.is_err() {
            still_open += 1;
        }
    }
    assert_eq!(still_open, 0, "every half-open connection is let go");
    let _ = stop.send(());
    server.await.expect("server stops");
}

on_both_databases!(half_open_connections_do_not_stop_the_server);
