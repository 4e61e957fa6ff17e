// Starts Swagger UI on the API's own OpenAPI document (no inline script: the CSP holds).
// The validator badge is off, so nothing is sent to another site.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: new URL("openapi.json", document.baseURI).href,
    dom_id: "#docs",
    validatorUrl: null,
    deepLinking: false,
    persistAuthorization: false,
    tryItOutEnabled: false,
  });
});
