import sys


def main() -> int:
    print("图形界面尚在开发中，请先使用命令行 xxgk。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
