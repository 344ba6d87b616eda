/**
 * The Terraform variables every generated stack declares, named here without cdktf so that the
 * code that runs Terraform (`terraform/`) can set them.
 */

/**
 * True only on the way to a destroy: deletion and termination protection off, buckets emptied,
 * secrets deleted without a recovery window (destroy-guard.ts). Default false.
 */
export const ALLOW_DESTROY_VARIABLE = 'allow_destroy'
