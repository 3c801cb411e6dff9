import { createRequire } from 'node:module';
import type * as XmlCrypto from 'xml-crypto';

/**
 * XML-DSig for Mina meddelanden: an enveloped signature over the whole element (Reference
 * URI=""), exclusive canonicalisation, RSA-SHA256 with SHA-256 digests, the signer's
 * certificate in KeyInfo/X509Data — as the service's reference clients sign SignedDelivery and
 * SealedDelivery. The Signature is appended as the element's last child, where the schema wants it.
 */

/** Signs one XML element (the document's root) and returns it with its Signature. */
export type XmlSigner = (xml: string) => string | Promise<string>;

const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export interface SigningCredentials {
  /** PEM; the organisation certificate (funktionscertifikat) the service knows the sender by. */
  certificate: string | Buffer;
  /** PEM, unencrypted, matching the certificate. */
  privateKey: string | Buffer;
}

/** An XmlSigner that signs with the given key in this process (xml-crypto). */
export function createXmlSigner(credentials: SigningCredentials): XmlSigner {
  // Required here, not at start: only an installation with Mina meddelanden signs.
  const { SignedXml } = createRequire(import.meta.url)('xml-crypto') as typeof XmlCrypto;
  return (xml: string) => {
    const signature = new SignedXml({
      privateKey: credentials.privateKey,
      publicCert: credentials.certificate,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: EXCLUSIVE_C14N,
    });
    signature.addReference({
      xpath: '/*',
      transforms: [ENVELOPED, EXCLUSIVE_C14N],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      isEmptyUri: true,
    });
    signature.computeSignature(xml, { location: { reference: '/*', action: 'append' } });
    return signature.getSignedXml();
  };
}
