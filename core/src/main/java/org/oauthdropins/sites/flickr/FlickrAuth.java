package org.oauthdropins.sites.flickr;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth1.OAuth1Auth;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A Flickr login. The key id is the user's NSID; {@link #userJson()} is the {@code
 * flickr.people.getInfo} answer, <code>{"person":{...},"stat":"ok"}</code>.
 */
public final class FlickrAuth extends OAuth1Auth {

  private final URI rest;
  private final URI upload;

  FlickrAuth(
      Site<?> site,
      AuthRecord record,
      AuthStore store,
      HttpTransport transport,
      URI rest,
      URI upload) {
    super(site, record, store, transport);
    this.rest = rest;
    this.upload = upload;
  }

  /** The user's buddy icon, or Flickr's default icon when they have none. */
  @Override
  public String imageUrl() {
    JsonNode person = userJson().path("person");
    int server = person.path("iconserver").asInt(0);
    if (server <= 0) {
      return "https://www.flickr.com/images/buddyicon.gif";
    }
    return "https://farm"
        + person.path("iconfarm").asInt()
        + ".staticflickr.com/"
        + server
        + "/buddyicons/"
        + keyId()
        + ".jpg";
  }

  /**
   * Calls a REST API method, signed, e.g. {@code callApiMethod("flickr.photos.getInfo",
   * Map.of("photo_id", id))}.
   *
   * @return the JSON answer
   * @throws ProviderException if Flickr cannot be reached or answers {@code stat=fail}
   */
  public JsonNode callApiMethod(String method, Map<String, String> params) {
    HttpResult r = send(Flickr.restCall(rest, method, params));
    if (!r.ok()) {
      throw new ProviderException("flickr API answered HTTP " + r.status());
    }
    try {
      return Flickr.check(r.json());
    } catch (IllegalArgumentException e) {
      throw new ProviderException("flickr API answer is not JSON");
    }
  }

  /**
   * Uploads a photo. The arguments (title, description, tags...) go in the query, so that they are
   * signed, as Flickr wants every argument but the photo to be; a multipart body itself is never
   * signed (RFC 5849 §3.4.1.3.1).
   *
   * @param photo the image bytes
   * @param filename its file name
   * @param args upload arguments
   * @return the new photo's id
   * @throws ProviderException if Flickr refuses or answers nonsense
   */
  public String upload(byte[] photo, String filename, Map<String, String> args) {
    String boundary = "----oauthdropins" + Secrets.random(12);
    ByteArrayOutputStream body = new ByteArrayOutputStream(photo.length + 256);
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\""
            + filename.replaceAll("[\"\\\\\\r\\n]", "_")
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(photo);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpCall call =
        new HttpCall(
                "POST",
                URI.create(Form.appendQuery(upload.toString(), args)),
                List.of(),
                body.toByteArray())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary);
    HttpResult r = send(call);
    Element rsp = xml(r).getDocumentElement();
    if (!"ok".equals(rsp.getAttribute("stat"))) {
      Element err = (Element) rsp.getElementsByTagName("err").item(0);
      throw new ProviderException(
          "flickr upload failed: "
              + (err == null
                  ? "HTTP " + r.status()
                  : err.getAttribute("code") + " " + err.getAttribute("msg")));
    }
    var id = rsp.getElementsByTagName("photoid").item(0);
    if (id == null || id.getTextContent().isBlank()) {
      throw new ProviderException("flickr upload answer has no photoid");
    }
    return id.getTextContent().strip();
  }

  private static Document xml(HttpResult r) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      // Untrusted XML: no DTDs, no external entities.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
    } catch (Exception e) {
      throw new ProviderException("flickr upload answered HTTP " + r.status() + " with no rsp");
    }
  }
}
