//! File storage through `object_store`: a local folder by default, any object store later.
//! Keys are ours (never a user's file name), so nothing a user sends can pick a path.

use bytes::Bytes;
use object_store::local::LocalFileSystem;
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use std::sync::Arc;

/// Parts a streamed file is written in. Small enough that an upload holds little memory;
/// an S3-compatible store needs at least 5 MiB per part, so set it per store.
const LOCAL_PART_BYTES: usize = 256 * 1024;

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
