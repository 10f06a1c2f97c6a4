//! Shared workspaces and their members. (Being written.)
