//! File storage through `object_store`: a local folder by default, or an S3-compatible
//! bucket, which every app instance shares. Keys are ours (never a user's file name), so
//! nothing a user sends can pick a path.

use bytes::Bytes;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use std::sync::Arc;

/// Parts a streamed file is written in. Small enough that an upload holds little memory;
/// an S3-compatible store needs at least 5 MiB per part but the last, so set it per store.
const LOCAL_PART_BYTES: usize = 256 * 1024;
const S3_PART_BYTES: usize = 5 * 1024 * 1024;

/// Where an S3-compatible bucket is, and the keys to it. Unset values come from the usual
/// `AWS_*` settings (and, on AWS, the machine's own role).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct S3Settings {
    pub bucket: String,
    /// `https://s3.eu-north-1.amazonaws.com`, `http://minio.internal:9000`, …; plain http
    /// only when written so.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret never reaches a log.
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "…"),
            )
            .finish()
    }
}

#[derive(Clone, Debug)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
    /// For a local folder: where it is, so that the staging files of a write cut off by a
    /// crash can be found and removed.
    local_root: Option<std::path::PathBuf>,
    part_bytes: usize,
}

impl FileStore {
    /// A store in a local folder, created if missing. Writes are synced to disk before they
    /// count as done, as an object store's are.
    pub fn local(dir: &std::path::Path) -> Result<FileStore, object_store::Error> {
        std::fs::create_dir_all(dir).map_err(|e| object_store::Error::Generic {
            store: "LocalFileSystem",
            source: Box::new(e),
        })?;
        let root = std::fs::canonicalize(dir).map_err(|e| object_store::Error::Generic {
            store: "LocalFileSystem",
            source: Box::new(e),
        })?;
        Ok(FileStore {
            inner: Arc::new(
                LocalFileSystem::new_with_prefix(&root)?
                    .with_fsync(true)
                    .with_automatic_cleanup(true),
            ),
            local_root: Some(root),
            part_bytes: LOCAL_PART_BYTES,
        })
    }

    /// A store in an S3-compatible bucket. Files are written in parts of 5 MiB.
    pub fn s3(settings: &S3Settings) -> Result<FileStore, object_store::Error> {
        // TLS by rustls on ring; installed once per process, kept if one is there already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(&settings.bucket);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let Some(region) = &settings.region {
            builder = builder.with_region(region);
        }
        if let Some(key) = &settings.access_key_id {
            builder = builder.with_access_key_id(key);
        }
        if let Some(secret) = &settings.secret_access_key {
            builder = builder.with_secret_access_key(secret);
        }
        Ok(FileStore {
            inner: Arc::new(builder.build()?),
            local_root: None,
            part_bytes: S3_PART_BYTES,
        })
    }

    /// Write the whole object: the store writes a temporary file and renames it into place,
    /// so a reader never sees half a file.
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), object_store::Error> {
        self.inner
            .put(&StorePath::from(key), PutPayload::from(bytes))
            .await?;
        Ok(())
    }

    /// Start writing an object piece by piece; nothing is visible under `key` until
    /// [`StreamedFile::finish`].
    pub async fn start(&self, key: &str) -> Result<StreamedFile, object_store::Error> {
        let upload = self.inner.put_multipart(&StorePath::from(key)).await?;
        Ok(StreamedFile {
            writer: WriteMultipart::new_with_chunk_size(upload, self.part_bytes),
        })
    }

    /// Whether the store answers and lets us in (a missing object is a fine answer).
    pub async fn check(&self) -> Result<(), object_store::Error> {
        self.exists("innfri-check").await.map(|_| ())
    }

    pub async fn get(&self, key: &str) -> Result<Bytes, object_store::Error> {
        self.inner.get(&StorePath::from(key)).await?.bytes().await
    }

    pub async fn exists(&self, key: &str) -> Result<bool, object_store::Error> {
        match self.inner.head(&StorePath::from(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Remove an object and anything a cut-off write left under its name. Removing what is
    /// not there is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), object_store::Error> {
        match self.inner.delete(&StorePath::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        if let Some(root) = &self.local_root {
            // A local multipart write stages in "<file>#<n>" beside the file.
            let path = root.join(key);
            let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
                return Ok(());
            };
            let prefix = format!("{}#", name.to_string_lossy());
            let dir = dir.to_path_buf();
            tokio::task::spawn_blocking(move || {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    return;
                };
                for entry in entries.flatten() {
                    if entry.file_name().to_string_lossy().starts_with(&prefix) {
                        let _ = std::fs::remove_file(entry.path());
                    }
                }
            })
            .await
            .map_err(|e| object_store::Error::Generic {
                store: "LocalFileSystem",
                source: Box::new(e),
            })?;
        }
        Ok(())
    }
}

/// An object being written. Dropped without `finish`, it leaves nothing visible; `abort`
/// also removes what was staged.
pub struct StreamedFile {
    writer: WriteMultipart,
}

impl StreamedFile {
    /// Hand over the next piece. Waits while earlier pieces are still being written, so a
    /// fast sender cannot fill the memory.
    pub async fn write(&mut self, bytes: Bytes) -> Result<(), object_store::Error> {
        self.writer.wait_for_capacity(2).await?;
        self.writer.put(bytes);
        Ok(())
    }

    pub async fn finish(self) -> Result<(), object_store::Error> {
        self.writer.finish().await.map(|_| ())
    }

    pub async fn abort(self) -> Result<(), object_store::Error> {
        self.writer.abort().await
    }
}
