import { DEFAULT_CONTENT_TYPE, MessageKind, type SendMessage } from './codec.ts'
import { ErrorCode, TidingsError } from './errors.ts'
import { CLIENT_MSG_ID_BYTES, isValidId } from './ids.ts'
import { MAX_REACTION_BYTES } from './limits.ts'

export interface SendLimits {
  maxBodyBytes: number
}

const MAX_CONTENT_TYPE = 128

/** A send that passed validation, with defaults filled in. */
export interface ValidSend {
  chatId: string
  clientMsgId: Uint8Array
  body: Uint8Array
  /** '' stands for DEFAULT_CONTENT_TYPE. */
  contentType: string
  kind: number
  replyToSeq: number
  targetSeq: number
}

/** Checks what the store cannot: shape and size of a send. Throws TidingsError. */
export function validateSend(send: SendMessage, limits: SendLimits): ValidSend {
  if (!send.chatId || !isValidId(send.chatId))
    throw new TidingsError(ErrorCode.INVALID_REQUEST, 'chat_id is missing or invalid')
  if (!send.clientMsgId || send.clientMsgId.length !== CLIENT_MSG_ID_BYTES) {
    throw new TidingsError(ErrorCode.INVALID_REQUEST, `client_msg_id must be ${CLIENT_MSG_ID_BYTES} bytes`)
  }
  const bodyBytes = send.body?.length ?? 0
  if (bodyBytes > limits.maxBodyBytes) {
    throw new TidingsError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `body is ${bodyBytes} bytes, the limit is ${limits.maxBodyBytes}`,
    )
  }
  if ((send.contentType?.length ?? 0) > MAX_CONTENT_TYPE)
    throw new TidingsError(ErrorCode.INVALID_REQUEST, 'content_type is too long')
  const kind = send.kind ?? MessageKind.MESSAGE_KIND_NORMAL
  if (!KNOWN_KINDS.has(kind))
    throw new TidingsError(ErrorCode.INVALID_REQUEST, `unknown message kind ${kind}`)
  checkSeq(send.replyToSeq ?? 0)
  checkSeq(send.targetSeq ?? 0)
  const body = send.body ?? new Uint8Array()
  checkKindShape(kind, body, send.targetSeq ?? 0, send.replyToSeq ?? 0)
  const contentType = send.contentType ?? ''
  return {
    chatId: send.chatId,
    clientMsgId: send.clientMsgId,
    body,
    contentType: contentType === DEFAULT_CONTENT_TYPE ? '' : contentType,
    kind,
    replyToSeq: send.replyToSeq ?? 0,
    targetSeq: send.targetSeq ?? 0,
  }
}

// Hoisted out of validateSend, which runs for every message: no array or closure per call.
const KNOWN_KINDS: ReadonlySet<unknown> = new Set(Object.values(MessageKind))

function checkSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 0)
    throw new TidingsError(ErrorCode.INVALID_REQUEST, `seq ${seq} is out of range`)
}

function refuse(why: string): never {
  throw new TidingsError(ErrorCode.INVALID_REQUEST, why)
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * What each kind of event must look like. Whether the target exists, whose it is and whether it
 * was deleted is the store's to check (docs/protocol.md, "Edits, deletes, reactions and replies").
 */
function checkKindShape(kind: number, body: Uint8Array, targetSeq: number, replyToSeq: number): void {
  if (kind === MessageKind.MESSAGE_KIND_NORMAL) {
    if (targetSeq) refuse('target_seq is only for edits, deletes and reactions')
    return
  }
  if (!targetSeq) refuse('edits, deletes and reactions need target_seq')
  if (replyToSeq) refuse('reply_to_seq is only for new messages')
  if (kind === MessageKind.MESSAGE_KIND_EDIT && body.length === 0)
    refuse('an edit needs a body (delete the message instead)')
  if (kind === MessageKind.MESSAGE_KIND_DELETE && body.length > 0) refuse('a delete carries no body')
  if (kind === MessageKind.MESSAGE_KIND_REACTION) {
    if (body.length > MAX_REACTION_BYTES)
      refuse(`a reaction is at most ${MAX_REACTION_BYTES} bytes, this one is ${body.length}`)
    try {
      strictUtf8.decode(body)
    } catch {
      refuse('a reaction must be UTF-8 text')
    }
  }
}
