//! The server on a real socket as `tandem-server` runs it (`serve::serve`):
//! a client that sends its request slowly, or nothing, is not waited for.

use std::time::{Duration, Instant};

use tandem_server::db;
use tandem_server::http::AppState;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// How long any one wait may take before the test calls it a hang.
const WAIT: Duration = Duration::from_secs(10);

/// Reads until the server closes the connection; what it sent. Panics if
/// it is still open after [`WAIT`].
async fn until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut sent = Vec::new();
    match tokio::time::timeout(WAIT, stream.read_to_end(&mut sent)).await {
        Ok(Ok(_)) => {}
        // A reset is a close too.
        Ok(Err(error)) if error.kind() == std::io::ErrorKind::ConnectionReset => {}
        Ok(Err(error)) => panic!("reading failed: {error}"),
        Err(_) => panic!("the connection is still open after {WAIT:?}"),
    }
    sent
}

/// A request head that has not fully arrived within the header-read
/// timeout (300 ms here, 10 s by default) closes its connection, as does
/// a connection that sends nothing; a whole request in time is answered,
/// and an idle keep-alive connection is closed the same way afterwards.
#[tokio::test]
async fn a_half_sent_request_is_closed_after_the_header_read_timeout() {
    let data = tempfile::tempdir().unwrap();
    let pool = db::connect(data.path(), None).await.unwrap();
    let limit = Duration::from_millis(300);
    let state =
        AppState::new(pool, data.path().join("no-static"), false).with_header_read_timeout(limit);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(tandem_server::serve::serve(listener, state, async {
        let _ = stopped.await;
    }));

    // The request line and a header, never the blank line that ends them.
    let started = Instant::now();
    let mut half = TcpStream::connect(addr).await.unwrap();
    half.write_all(b"GET /api/health/live HTTP/1.1\r\nHost: tandem\r\n")
        .await
        .unwrap();
    let mut silent = TcpStream::connect(addr).await.unwrap();
    assert_eq!(
        until_closed(&mut half).await,
        b"",
        "no answer to half a request"
    );
    assert!(started.elapsed() >= limit, "closed before its time");
    assert_eq!(until_closed(&mut silent).await, b"");

    // A whole request is answered; the connection, kept alive, is closed
    // once it has been idle for the same time.
    let mut whole = TcpStream::connect(addr).await.unwrap();
    whole
        .write_all(b"GET /api/health/live HTTP/1.1\r\nHost: tandem\r\n\r\n")
        .await
        .unwrap();
    let answer = String::from_utf8(until_closed(&mut whole).await).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with(r#"{"status":"ok"}"#), "{answer}");

    stop.send(()).unwrap();
    tokio::time::timeout(WAIT, server)
        .await
        .expect("the server stops")
        .unwrap()
        .unwrap();
}
