/**
 * @module The start of a flow. SP-initiated: the SP's login URL up to the IdP, and the AuthnRequest
 * checked as Entra would (a request Entra refuses is a configuration problem, not an SP finding).
 * IdP-initiated: the app's default Reply URL and Identifier, with its configured RelayState.
 */
import {
  defaultIdentifier,
  defaultReplyUrl,
  decodeSamlMessage,
  parseRedirectQuery,
  resolveAuthnRequest,
  type ReceivedRequest,
  AadstsError,
} from '../../mock-idp/internal.js';
import type { Evidence, Flow } from '../../reports/types.js';
import { HarnessError } from '../errors.js';
import type { LoginStart, SpTarget } from '../targets/types.js';
import type { RunEnvironment } from './run-environment.js';
import type { FlowTarget } from './scenario-response.js';
import { AuthnRequestReader } from './authn-request-reader.js';

/** Readings of AuthnRequest texts, by their template: content-addressed, so one for every run of the process. */
const authnRequests = new AuthnRequestReader();

export interface FlowStart {
  target: FlowTarget;
  relayState?: string | undefined;
  evidence?: Evidence['authnRequest'];
}

export async function startFlow(flow: Flow, target: SpTarget, env: RunEnvironment): Promise<FlowStart> {
  if (flow === 'idp-initiated') {
    const app = env.idp.app;
    const acsUrl = defaultReplyUrl(app);
    const audience = defaultIdentifier(app);
    if (!acsUrl || !audience)
      throw new HarnessError('BAD_CONFIG', 'the app has no default Reply URL or Identifier');
    return { target: { acsUrl, audience }, relayState: app.relayState };
  }
  const login = await target.startLogin();
  const { received, xml } = decodeLogin(login);
  try {
    const request = authnRequests.read(xml);
    const resolved = resolveAuthnRequest(request, received, env.idp.tenant);
    return {
      target: {
        acsUrl: resolved.acsUrl,
        audience: resolved.audience,
        inResponseTo: request.id,
        requestedNameIdFormat: request.nameIdPolicyFormat,
      },
      relayState: login.relayState,
      evidence: { binding: login.binding, xml, relayState: login.relayState },
    };
  } catch (error) {
    if (error instanceof AadstsError) {
      throw new HarnessError(
        'IDP_REFUSED_REQUEST',
        `Entra would refuse the SP's AuthnRequest: ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
}

export function decodeLogin(login: LoginStart): { received: ReceivedRequest; xml: string } {
  try {
    if (login.binding === 'redirect') {
      const query = parseRedirectQuery(login.rawQuery ?? '');
      return {
        received: { binding: 'redirect', query },
        xml: decodeSamlMessage(query.samlRequest?.value, 'redirect'),
      };
    }
    const xml = decodeSamlMessage(login.samlRequest, 'post');
    return { received: { binding: 'post', xml, relayState: login.relayState }, xml };
  } catch (error) {
    if (error instanceof AadstsError) {
      throw new HarnessError(
        'IDP_REFUSED_REQUEST',
        `the SP's AuthnRequest cannot be read: ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
}
