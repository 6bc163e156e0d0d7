/**
 * Errors as the contract names them: {@link dev.parley.platform.error.ErrorCode}, the unchecked
 * {@link dev.parley.platform.error.ParleyException} that domain code throws, and the
 * {@link dev.parley.platform.error.Problem} body that REST answers with. Mapping happens only at the edges.
 */
package dev.parley.platform.error;
