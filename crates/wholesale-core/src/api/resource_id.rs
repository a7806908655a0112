//! Webex resource IDs (R-API-04).

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::Code;
use crate::problem::{AsProblem, Problem};
use crate::template::STANDARD_LENIENT;

/// Decodes base64 as Webex writes it: standard or URL-safe alphabet, padded
/// or not. `None` when it is not base64.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    // The engines live with the provisioning ID, the lower of their two users.
    crate::template::decode_base64(text)
}

/// A Webex resource ID: unpadded base64 of `ciscospark://<region>/<TYPE>/<uuid>`.
///
/// Partner Hub reports show the bare UUID; [`ResourceId::same_resource`]
/// compares either form by UUID so report rows join with API objects.
///
/// ```
/// use wholesale_core::api::ResourceId;
/// use uuid::Uuid;
///
/// let uuid = Uuid::parse_str("52cf576d-60a8-407a-b22c-467c51591909").unwrap();
/// let id = ResourceId::new("us", "ORGANIZATION", uuid);
/// assert_eq!(ResourceId::decode(&id.encode()).unwrap(), id);
/// assert!(ResourceId::same_resource(&id.encode(), "52CF576D-60A8-407A-B22C-467C51591909"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResourceId {
    /// Region segment, e.g. `us`.
    pub region: String,
    /// Resource type, e.g. `ORGANIZATION`, `LOCATION`, `SUBSCRIBER`.
    pub kind: String,
    /// The UUID Partner Hub reports show.
    pub uuid: Uuid,
}

/// Why a resource ID could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResourceIdError {
    /// Not base64.
    #[error("{0:?} is not base64")]
    NotBase64(String),
    /// Base64, but not of `ciscospark://<region>/<TYPE>/<uuid>`.
    #[error("{0:?} does not decode to ciscospark://<region>/<TYPE>/<uuid>")]
    NotCiscoSpark(String),
    /// Neither a resource ID nor a bare UUID.
    #[error("{0:?} is neither a Webex resource ID nor a UUID")]
    NotAnId(String),
    /// Parts that [`ResourceId::decode`] would not read back: an empty
    /// region or type, or one holding `/` or a space.
    #[error("region {0:?} and type {1:?} cannot be encoded: each must be non-empty, without '/' or spaces")]
    Unencodable(String, String),
}

/// The start of an ID quoted in an error (IDs are short; a huge one is not).
pub(super) fn clip(id: &str) -> String {
    id.chars().take(120).collect()
}

impl ResourceIdError {
    /// The registry code for every variant: `RESOURCE_ID_INVALID`.
    pub fn code(&self) -> Code {
        Code::ResourceIdInvalid
    }
}

impl AsProblem for ResourceIdError {
    fn to_problem(&self) -> Problem {
        Problem::general(self.code(), self.to_string())
    }
}

impl ResourceId {
    /// A resource ID from its parts.
    pub fn new(region: impl Into<String>, kind: impl Into<String>, uuid: Uuid) -> ResourceId {
        ResourceId {
            region: region.into(),
            kind: kind.into(),
            uuid,
        }
    }

    /// Reads an API resource ID (padded or not).
    pub fn decode(text: &str) -> Result<ResourceId, ResourceIdError> {
        let bytes =
            decode_base64(text.trim()).ok_or_else(|| ResourceIdError::NotBase64(clip(text)))?;
        let not_spark = || ResourceIdError::NotCiscoSpark(clip(text));
        let decoded = String::from_utf8(bytes).map_err(|_| not_spark())?;
        let rest = decoded
            .strip_prefix("ciscospark://")
            .ok_or_else(not_spark)?;
        let mut parts = rest.splitn(3, '/');
        let (Some(region), Some(kind), Some(uuid)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(not_spark());
        };
        let uuid = Uuid::parse_str(uuid).map_err(|_| not_spark())?;
        if region.is_empty() || kind.is_empty() {
            return Err(not_spark());
        }
        Ok(ResourceId::new(region, kind, uuid))
    }

    /// The API form, refused when [`ResourceId::decode`] would not read it
    /// back to the same parts (R-REP-05: writers refuse what readers refuse).
    ///
    /// ```
    /// use wholesale_core::api::ResourceId;
    ///
    /// let uuid = uuid::Uuid::nil();
    /// assert!(ResourceId::new("us", "LOCATION", uuid).try_encode().is_ok());
    /// assert!(ResourceId::new("us", "A/B", uuid).try_encode().is_err());
    /// assert!(ResourceId::new("", "LOCATION", uuid).try_encode().is_err());
    /// ```
    pub fn try_encode(&self) -> Result<String, ResourceIdError> {
        let bad = |part: &str| part.is_empty() || part.contains(['/', ' ']) || part.trim() != part;
        if bad(&self.region) || bad(&self.kind) {
            return Err(ResourceIdError::Unencodable(
                clip(&self.region),
                clip(&self.kind),
            ));
        }
        let encoded = self.encode();
        match ResourceId::decode(&encoded) {
            Ok(back) if back == *self => Ok(encoded),
            _ => Err(ResourceIdError::Unencodable(
                clip(&self.region),
                clip(&self.kind),
            )),
        }
    }

    /// The API form: unpadded standard base64. Use
    /// [`ResourceId::try_encode`] for parts that come from outside.
    pub fn encode(&self) -> String {
        STANDARD_LENIENT.encode(format!(
            "ciscospark://{}/{}/{}",
            self.region, self.kind, self.uuid
        ))
    }

    /// The UUID of either form: an API resource ID or a bare UUID.
    pub fn uuid_of(text: &str) -> Result<Uuid, ResourceIdError> {
        let trimmed = text.trim();
        if let Ok(uuid) = Uuid::parse_str(trimmed) {
            return Ok(uuid);
        }
        ResourceId::decode(trimmed)
            .map(|id| id.uuid)
            .map_err(|_| ResourceIdError::NotAnId(clip(trimmed)))
    }

    /// Whether two IDs, each an API resource ID or a bare UUID, name the same
    /// resource. Unreadable IDs are never the same.
    pub fn same_resource(a: &str, b: &str) -> bool {
        matches!((ResourceId::uuid_of(a), ResourceId::uuid_of(b)), (Ok(x), Ok(y)) if x == y)
    }
}
