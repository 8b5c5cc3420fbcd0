#![doc = include_str!("../README.md")]

mod error;
pub mod graphml;
mod normalize;
pub mod schema;
mod view;

pub use error::QueryError;
pub use graphml::write_graphml;
pub use schema::{
    EntityInfo, EntityRef, EvidenceOut, Hop, HopDirection, Lookup, Neighbor, Neighbors, PathResult,
    Relation, RelationDirection,
};
pub use view::GraphView;
