//! tower-sessions' store over our database, so every instance shares the sessions. The id
//! is stored only as its SHA-256.

use crate::server::db;
use async_trait::async_trait;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    pool: AnyPool,
}

impl DbSessionStore {
    pub fn new(pool: AnyPool) -> DbSessionStore {
        DbSessionStore { pool }
    }

    /// Remove sessions that have run out; called now and then by the server.
    pub async fn delete_expired(&self) -> sqlx::Result<u64> {
        db::sessions::delete_expired(&self.pool, now()).await
    }
}

/// How a session is known in the database: the SHA-256 of its id.
pub fn key(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn backend(e: sqlx::Error) -> Error {
    Error::Backend(e.to_string())
}

fn encode(record: &Record) -> Result<String> {
    serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = encode(record)?;
        // A 128-bit random id practically never collides; if it does, draw another rather
        // than take over someone's session.
        for _ in 0..3 {
            let expires = record.expiry_date.unix_timestamp();
            if db::sessions::insert_new(&self.pool, &key(&record.id), &data, expires)
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(Error::Backend("could not find a free session id".into()))
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let expires = record.expiry_date.unix_timestamp();
        db::sessions::save(&self.pool, &key(&record.id), &encode(record)?, expires)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some((data, expires_at)) = db::sessions::load(&self.pool, &key(id), now())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires_at)
                .map_err(|e| Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        db::sessions::delete(&self.pool, &key(id))
            .await
            .map_err(backend)
    }
}
