//! The model: a debate as a weighted argument graph over petgraph.
//!
//! Phase: after syntax. Depends on `syntax` only; knows nothing of checks or output.

pub mod edge;
pub mod graph;
pub mod link;
pub mod node;
pub mod resolve;

pub use edge::{ArgEdge, Relation};
pub use graph::ArgGraph;
pub use node::{ArgNode, ArtifactRef, Expectation};
pub use resolve::{Input, ResolveError, ResolveOptions, resolve};
