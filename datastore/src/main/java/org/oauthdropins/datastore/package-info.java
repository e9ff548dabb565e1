/**
 * An {@link org.oauthdropins.store.AuthStore} on Google Cloud Datastore that reads and writes the
 * kinds and property names of the Python oauth-dropins library, so that a Java app can share a
 * Datastore with Python apps or take one over. It passes the same store contract suite as core's
 * stores.
 */
package org.oauthdropins.datastore;
