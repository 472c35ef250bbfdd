export {
  createJumpsellerAdapter,
  type JumpsellerAdapterSettings,
  type JumpsellerCredentials,
  jumpsellerCapabilities,
  jumpsellerPlatform,
} from './jumpseller-adapter';
