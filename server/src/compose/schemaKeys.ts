// Keys the Compose Specification schema allows where Compose expects them (compose-spec
// schema/compose-spec.json), plus `pre_start`, which docker/compose's own e2e tests use.
// `x-` keys are always allowed.
export const TOP_LEVEL_KEYS = ['version', 'name', 'include', 'services', 'models', 'networks', 'volumes', 'secrets', 'configs'];

export const SERVICE_KEYS = [
  'develop', 'deploy', 'annotations', 'attach', 'build', 'blkio_config', 'cap_add', 'cap_drop', 'cgroup', 'cgroup_parent', 'command',
  'configs', 'container_name', 'cpu_count', 'cpu_percent', 'cpu_shares', 'cpu_quota', 'cpu_period', 'cpu_rt_period', 'cpu_rt_runtime',
  'cpus', 'cpuset', 'credential_spec', 'depends_on', 'device_cgroup_rules', 'devices', 'dns', 'dns_opt', 'dns_search', 'domainname',
  'entrypoint', 'env_file', 'label_file', 'environment', 'expose', 'extends', 'provider', 'external_links', 'extra_hosts', 'gpus',
  'group_add', 'healthcheck', 'hostname', 'image', 'init', 'ipc', 'isolation', 'labels', 'links', 'logging', 'mac_address', 'mem_limit',
  'mem_reservation', 'mem_swappiness', 'memswap_limit', 'network_mode', 'models', 'networks', 'oom_kill_disable', 'oom_score_adj', 'pid',
  'pids_limit', 'platform', 'ports', 'post_start', 'pre_start', 'pre_stop', 'privileged', 'profiles', 'pull_policy', 'pull_refresh_after', 'read_only',
  'restart', 'runtime', 'scale', 'security_opt', 'shm_size', 'secrets', 'sysctls', 'stdin_open', 'stop_grace_period', 'stop_signal',
  'storage_opt', 'tmpfs', 'tty', 'ulimits', 'use_api_socket', 'user', 'uts', 'userns_mode', 'volumes', 'volumes_from', 'working_dir',
];

export const HEALTHCHECK_KEYS = ['disable', 'interval', 'retries', 'test', 'timeout', 'start_period', 'start_interval'];

export const BUILD_KEYS = [
  'context', 'dockerfile', 'dockerfile_inline', 'entitlements', 'args', 'ssh', 'labels', 'cache_from', 'cache_to', 'no_cache',
  'additional_contexts', 'network', 'pull', 'target', 'shm_size', 'extra_hosts', 'isolation', 'privileged', 'secrets', 'tags', 'ulimits',
  'platforms',
];

export const PORT_KEYS = ['name', 'mode', 'host_ip', 'target', 'published', 'protocol', 'app_protocol'];
export const VOLUME_MOUNT_KEYS = ['type', 'source', 'target', 'read_only', 'consistency', 'bind', 'volume', 'tmpfs', 'image'];
export const DEPENDS_ON_KEYS = ['restart', 'required', 'condition'];
