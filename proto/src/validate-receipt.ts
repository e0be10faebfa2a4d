import { ReceiptKind } from './codec.ts'
import { ErrorCode, TidingsError } from './errors.ts'
import type { tidings } from './gen/tidings.js'
import { isValidId } from './ids.ts'

export interface ValidReceipt {
  chatId: string
  kind: 'delivered' | 'read'
  upToSeq: number
}

/** Checks the shape of a receipt; membership and the chat's last seq are the store's business. Throws TidingsError. */
export function validateReceipt(receipt: tidings.v1.IReceiptUpdate): ValidReceipt {
  if (!receipt.chatId || !isValidId(receipt.chatId))
    throw new TidingsError(ErrorCode.INVALID_REQUEST, 'chat_id is missing or invalid')
  const kind =
    receipt.kind === ReceiptKind.RECEIPT_KIND_READ
      ? 'read'
      : receipt.kind === ReceiptKind.RECEIPT_KIND_DELIVERED
        ? 'delivered'
        : undefined
  if (!kind) throw new TidingsError(ErrorCode.INVALID_REQUEST, 'kind must be DELIVERED or READ')
  const upToSeq = receipt.upToSeq ?? 0
  if (!Number.isSafeInteger(upToSeq) || upToSeq < 1)
    throw new TidingsError(ErrorCode.INVALID_REQUEST, `up_to_seq ${upToSeq} is out of range`)
  return { chatId: receipt.chatId, kind, upToSeq }
}
